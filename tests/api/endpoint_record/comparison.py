"""Recorded answers against current ones: which requests differ, and a readable diff of each.

Answers are compared whole (status, recorded headers and body) and byte for
byte. A diff shows JSON bodies pretty-printed, so that one changed value in a
compact body is one changed line; where the pretty-printed bodies are alike
and the bytes are not (spacing, escaping, the order of keys is kept), it says
so and shows the bytes around the first difference.
"""

import difflib
import json
from dataclasses import dataclass, field

#: How many changed answers a report shows in full; the rest are named.
DIFFS_SHOWN = 5
#: Characters shown either side of the first differing byte of bodies alike as JSON.
CONTEXT = 120


@dataclass
class Differences:
    """Requests the record has and the current code does not ask, the reverse, and changed ones."""

    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (recorded answer, current answer)

    def __bool__(self):
        return bool(self.missing or self.extra or self.changed)


def by_request(answers):
    return {answer["request"]: answer for answer in answers["answers"]}


def compare(recorded, current):
    """The Differences between two sets of answers (as ``answer_every_request`` gives them)."""
    before, after = by_request(recorded), by_request(current)
    return Differences(
        missing=[request for request in before if request not in after],
        extra=[request for request in after if request not in before],
        changed=[
            (before[request], after[request])
            for request in before
            if request in after and before[request] != after[request]
        ],
    )


def describe(differences, shown=DIFFS_SHOWN):
    """A report for a developer: every request that differs, and the diffs of the first few."""
    lines = []
    if differences.missing:
        lines.append(f"{len(differences.missing)} recorded requests are no longer asked:")
        lines += [f"  {request}" for request in differences.missing]
    if differences.extra:
        lines.append(f"{len(differences.extra)} requests are not in the record:")
        lines += [f"  {request}" for request in differences.extra]
    if differences.changed:
        lines.append(f"{len(differences.changed)} answers differ from the record:")
        lines += [f"  {recorded['request']}" for recorded, _current in differences.changed]
        for recorded, current in differences.changed[:shown]:
            lines += ["", *answer_diff(recorded, current)]
        if len(differences.changed) > shown:
            lines += ["", f"(the diffs of {len(differences.changed) - shown} more are not shown)"]
    return "\n".join(lines)


def answer_diff(recorded, current):
    """The unified diff of two answers to one request, as lines."""
    before, after = readable(recorded), readable(current)
    request = recorded["request"]
    if before == after:
        return [f"{request}: alike as JSON, different bytes", *first_difference(recorded, current)]
    return list(
        difflib.unified_diff(
            before, after, f"recorded: {request}", f"current: {request}", lineterm=""
        )
    )


def readable(answer):
    """An answer as lines: status, headers, then the body (JSON pretty-printed)."""
    head = [f"status: {answer['status']}"]
    head += [f"{name}: {value}" for name, value in answer["headers"].items()]
    return [*head, "", *pretty(answer["body"], answer["headers"].get("Content-Type", ""))]


def pretty(body, content_type):
    if content_type.startswith("application/json"):
        try:
            return json.dumps(json.loads(body), indent=2, ensure_ascii=False).splitlines()
        except ValueError:
            pass
    return body.splitlines()


def first_difference(recorded, current):
    before, after = recorded["body"], current["body"]
    pairs = enumerate(zip(before, after, strict=False))
    at = next((index for index, (old, new) in pairs if old != new), min(len(before), len(after)))
    start = max(0, at - CONTEXT)
    return [
        f"  first difference at character {at}:",
        f"  recorded: {before[start : at + CONTEXT]!r}",
        f"  current:  {after[start : at + CONTEXT]!r}",
    ]
