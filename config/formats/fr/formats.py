# « 1 déc. 2026 », « 1 déc. 2026 à 14:05 » : the abbreviated month (Django's "N").
DATE_FORMAT = "j N Y"
SHORT_DATE_FORMAT = "j N Y"
DATETIME_FORMAT = "j N Y à H:i"
SHORT_DATETIME_FORMAT = "j N Y à H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j N"
YEAR_MONTH_FORMAT = "F Y"
