"""The staff pages of figures: aggregates over the community, never people.

figure    one Figure (a table, its charts, its CSV), the small-group rule, the CSV writer
health    community health, week by week and by board or lived experience
checkins  how confident members who check in feel, and how that changes
views     who may see them, the periods they cover, the pages and their CSV downloads

They read several apps (forums, moderation, members, check-ins), so they live above them.
"""
