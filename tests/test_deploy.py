"""The scheduling files in deploy/ run the command that exists, as the README says."""

import configparser
import re

from django.conf import settings
from django.core.management import get_commands

DEPLOY = settings.BASE_DIR / "deploy"
UNIT = "comparator-refresh-metrics"
PURGE = "comparator-purge-report-emails"


def unit_file(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / name)
    return parser


def cron_lines():
    lines = (DEPLOY / "crontab").read_text().splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def cron_line(command):
    (line,) = [line for line in cron_lines() if f"manage.py {command}" in line]
    return line


def test_the_timer_starts_the_service_that_runs_refresh_metrics():
    timer = unit_file(f"{UNIT}.timer")
    service = unit_file(f"{UNIT}.service")

    assert timer["Timer"]["Unit"] == f"{UNIT}.service"
    assert timer["Timer"]["Persistent"] == "true"
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"].endswith("manage.py refresh_metrics")
    assert "refresh_metrics" in get_commands()


def test_the_cron_line_runs_refresh_metrics_weekly_like_the_timer():
    assert len(cron_lines()) == 2  # metrics weekly, e-mails daily
    line = cron_line("refresh_metrics")
    minute, hour, day, month, weekday, command = line.split(maxsplit=5)

    assert (minute, hour, day, month, weekday) == ("17", "4", "*", "*", "1")
    assert "manage.py refresh_metrics" in command
    assert "Mon *-*-* 04:17:00" in unit_file(f"{UNIT}.timer")["Timer"]["OnCalendar"]


def test_the_readme_shows_the_cron_line_that_deploy_ships():
    readme = (settings.BASE_DIR / "README.md").read_text()

    for line in cron_lines():
        assert line in readme
    assert re.search(rf"deploy/{UNIT}\.timer", readme)
    assert re.search(rf"deploy/{PURGE}\.timer", readme)


def test_no_two_metrics_runs_overlap_whoever_starts_them():
    exec_start = unit_file(f"{UNIT}.service")["Service"]["ExecStart"]
    lock = "/run/lock/comparator-refresh-metrics.lock"

    assert exec_start.startswith(f"/usr/bin/flock --nonblock --conflict-exit-code 75 {lock} ")
    assert unit_file(f"{UNIT}.service")["Service"]["SuccessExitStatus"] == "75"
    assert f"flock -n {lock} " in cron_line("refresh_metrics")


def test_reporters_emails_are_purged_daily_by_timer_or_cron():
    timer = unit_file(f"{PURGE}.timer")
    service = unit_file(f"{PURGE}.service")

    assert timer["Timer"]["Unit"] == f"{PURGE}.service"
    assert timer["Timer"]["OnCalendar"].startswith("*-*-* ")
    assert timer["Timer"]["Persistent"] == "true"
    assert service["Service"]["ExecStart"].endswith("manage.py purge_report_emails")
    assert "purge_report_emails" in get_commands()
    minute, hour, day, month, weekday, _ = cron_line("purge_report_emails").split(maxsplit=5)
    assert (day, month, weekday) == ("*", "*", "*")
