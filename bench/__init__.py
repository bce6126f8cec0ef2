"""The pieces of `manage.py bench` (docs/deploy.md says how to run it and read it).

seed      a large community, written in bulk but exactly as the app would leave it
database  the bench's own PostgreSQL database and its "seeded at this size" marker
sessions  signed-in members without a browser: server-side sessions, cookie headers
pages     the pages measured, and their SQL queries counted in-process
bare      the bare ceiling: Django's WSGI handler with no middleware
wsgi      what the servers serve: the site, and the bare ceiling beside it
servers   gunicorn app servers, started and always stopped
worker    the task worker beside them, and the time it takes to tell followers
load      wrk runs (with wrk_report.lua) and their figures
scaleout  the two-server checks: one sign-in, one reply, seen from both
report    the table on stdout, as text and JSON in var/bench/
"""
