"""Say when the next shift starts, in the person's language and Dutch local time.

"today at 18:00", "tomorrow at 09:00", "on Monday at 09:00", or a date further ahead.
"""

import datetime as dt
from typing import Dict
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

# today, tomorrow, weekday (with its preposition), date, each with {time}
PHRASES: Dict[str, Dict[str, str]] = {
    "nl": {
        "today": "vandaag om {time}",
        "tomorrow": "morgen om {time}",
        "day": "op {day} om {time}",
        "date": "op {date} om {time}",
    },
    "en": {
        "today": "today at {time}",
        "tomorrow": "tomorrow at {time}",
        "day": "on {day} at {time}",
        "date": "on {date} at {time}",
    },
    "ro": {
        "today": "azi la ora {time}",
        "tomorrow": "mâine la ora {time}",
        "day": "{day} la ora {time}",
        "date": "pe {date} la ora {time}",
    },
    "bg": {
        "today": "днес в {time} ч.",
        "tomorrow": "утре в {time} ч.",
        "day": "в {day} в {time} ч.",
        "date": "на {date} в {time} ч.",
    },
    "hu": {
        "today": "ma {time}-kor",
        "tomorrow": "holnap {time}-kor",
        "day": "{day} {time}-kor",
        "date": "{date} {time}-kor",
    },
    "es": {
        "today": "hoy a las {time}",
        "tomorrow": "mañana a las {time}",
        "day": "el {day} a las {time}",
        "date": "el {date} a las {time}",
    },
    "pl": {
        "today": "dziś o {time}",
        "tomorrow": "jutro o {time}",
        "day": "{day} o {time}",
        "date": "{date} o {time}",
    },
}

# Monday first; the form that follows the preposition in PHRASES["day"]
WEEKDAYS: Dict[str, tuple] = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "ro": ("luni", "marți", "miercuri", "joi", "vineri", "sâmbătă", "duminică"),
    "bg": ("понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя"),
    "hu": ("hétfőn", "kedden", "szerdán", "csütörtökön", "pénteken", "szombaton", "vasárnap"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "pl": (
        "w poniedziałek",
        "we wtorek",
        "w środę",
        "w czwartek",
        "w piątek",
        "w sobotę",
        "w niedzielę",
    ),
}


def describe_start(start_utc: dt.datetime, language: str, now_utc: dt.datetime) -> str:
    phrases = PHRASES[language]
    start = start_utc.replace(tzinfo=dt.timezone.utc).astimezone(LOCAL_TIME)
    today = now_utc.replace(tzinfo=dt.timezone.utc).astimezone(LOCAL_TIME).date()
    time = start.strftime("%H:%M")
    days_ahead = (start.date() - today).days
    if days_ahead <= 0:
        return phrases["today"].format(time=time)
    if days_ahead == 1:
        return phrases["tomorrow"].format(time=time)
    if days_ahead < 7:
        return phrases["day"].format(day=WEEKDAYS[language][start.weekday()], time=time)
    return phrases["date"].format(date=start.strftime("%d-%m-%Y"), time=time)


def minutes_count(minutes: int, language: str) -> str:
    """The number as it stands before the word for minutes ("20 de minute" in Romanian)."""
    if language == "ro" and (minutes % 100 >= 20 or (minutes and minutes % 100 == 0)):
        return f"{minutes} de"
    return str(minutes)
