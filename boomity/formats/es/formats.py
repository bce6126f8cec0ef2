# The same shape as English, in Spanish: "7 dic 2026, 03:09".
DATETIME_FORMAT = "j b Y, H:i"
DATE_FORMAT = r"j \d\e F \d\e Y"  # 7 de diciembre de 2026
SHORT_DATE_FORMAT = "j b Y"  # 7 dic 2026
SHORT_DATETIME_FORMAT = "j b, H:i"  # 7 dic, 03:09
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
FIRST_DAY_OF_WEEK = 1
