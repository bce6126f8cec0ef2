# Day first, 24-hour clock: "7 Dec 2026, 03:09", the same on every page and in the admin.
DATETIME_FORMAT = "j M Y, H:i"
DATE_FORMAT = "j F Y"  # 7 December 2026
SHORT_DATE_FORMAT = "j M Y"  # 7 Dec 2026
SHORT_DATETIME_FORMAT = "j M, H:i"  # 7 Dec, 03:09 (this year's, in lists)
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday
