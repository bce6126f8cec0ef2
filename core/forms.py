from typing import Any

from django import forms


class ServerCheckedLengthField(forms.CharField):
    """Length limits checked by the server only.

    With maxlength in the page a browser silently cuts a pasted text short; the
    server instead says what the limit is and keeps every word in the form.
    """

    def to_python(self, value: Any) -> str | None:
        # Browsers send line breaks as CRLF; count and store them as one character.
        text = super().to_python(value)
        return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n")

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs.pop("minlength", None)
        return attrs
