"""What a check finds, how bad it is, and the verdict over all findings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(Enum):
    # the build would be wrong: exit 1
    FAIL = "FAIL"
    # the build is right, but a part of it is missing, unknown or resolved by a rule: read it
    WARN = "WARN"
    # for the record: tolerated by the contract
    NOTE = "NOTE"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    table: str
    column: str | None
    check: str
    message: str

    @property
    def where(self) -> str:
        return f"{self.table}.{self.column}" if self.column else self.table


def fail(table: str, column: str | None, check: str, message: str) -> Finding:
    return Finding(Severity.FAIL, table, column, check, message)


def warn(table: str, column: str | None, check: str, message: str) -> Finding:
    return Finding(Severity.WARN, table, column, check, message)


def note(table: str, column: str | None, check: str, message: str) -> Finding:
    return Finding(Severity.NOTE, table, column, check, message)


def required_or_warn(
    required: bool, table: str, column: str | None, check: str, message: str
) -> Finding:
    """A finding that fails on a required column and warns on an optional one."""
    return Finding(Severity.FAIL if required else Severity.WARN, table, column, check, message)


def plural(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def shown(value: object) -> str:
    """A value as a message shows it: quoted when it holds more than letters, digits and -_.:"""
    text = str(value)
    bare = text.translate(str.maketrans("", "", "-_.:"))
    return text if bare.isalnum() else repr(text)


def count(findings: list[Finding], severity: Severity) -> int:
    return sum(1 for finding in findings if finding.severity is severity)


def verdict(findings: list[Finding]) -> str:
    problems, warnings = count(findings, Severity.FAIL), count(findings, Severity.WARN)
    if problems:
        return f"{plural(problems, 'problem')}: the build would be wrong"
    if warnings:
        return f"raw data OK with {plural(warnings, 'warning')}"
    return "raw data OK"


def exit_code(findings: list[Finding]) -> int:
    return 1 if count(findings, Severity.FAIL) else 0
