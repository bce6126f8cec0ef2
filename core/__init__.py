"""The ground floor: code that knows nothing of members, posts or moderation.

Markdown to safe HTML, charts, paging, after-commit tasks, the length-checked form
field and the export/erase registry. Every app may import it; it imports none of them.
"""
