import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boomity.settings")
# Serving: the settings refuse to start without a real secret key and hosts.
os.environ["BOOMITY_SERVING"] = "1"
application = get_asgi_application()
