"""The record of the API's answers: how it is stored, and how a difference from it reads.

The record itself is compared with the current code in test_output_unchanged.py.
"""

import gzip
import json

from .endpoint_record import read_record, write_record
from .endpoint_record.comparison import compare, describe


def answer(request, body, status=200, content_type="application/json"):
    return {
        "request": request,
        "status": status,
        "headers": {"Content-Type": content_type, "Content-Language": "sv"},
        "body": body,
    }


def answers(*given):
    return {"answered_at": "2026-03-02T09:00:00+00:00", "answers": list(given)}


CONFERENCE = "GET /api/v2/pages/12/"
LISTING = "GET /api/v2/pages/"


class TestTheRecordFile:
    def test_answers_are_read_back_as_written(self, tmp_path):
        written = answers(answer(CONFERENCE, '{"title":"Vårmötet"}'))
        write_record(written, tmp_path / "record.json.gz")
        assert read_record(tmp_path / "record.json.gz") == written

    def test_the_same_answers_give_the_same_bytes(self, tmp_path):
        written = answers(answer(CONFERENCE, '{"title":"Vårmötet"}'))
        write_record(written, tmp_path / "first.json.gz")
        write_record(written, tmp_path / "second.json.gz")
        assert (tmp_path / "first.json.gz").read_bytes() == (
            tmp_path / "second.json.gz"
        ).read_bytes()

    def test_it_is_gzipped_json(self, tmp_path):
        write_record(answers(answer(CONFERENCE, "{}")), tmp_path / "record.json.gz")
        with gzip.open(tmp_path / "record.json.gz", "rt", encoding="utf-8") as file:
            assert json.load(file)["answers"][0]["request"] == CONFERENCE


class TestComparison:
    def test_the_same_answers_have_no_differences(self):
        recorded = answers(answer(CONFERENCE, '{"title":"Vårmötet"}'))
        assert not compare(recorded, json.loads(json.dumps(recorded)))

    def test_a_changed_body_is_named_and_shown_pretty_printed(self):
        recorded = answers(answer(CONFERENCE, '{"id":12,"title":"Vårmötet"}'))
        current = answers(answer(CONFERENCE, '{"id":12,"title":"Höstmötet"}'))
        report = describe(compare(recorded, current))
        assert "1 answers differ from the record:\n  GET /api/v2/pages/12/" in report
        assert '-  "title": "Vårmötet"' in report
        assert '+  "title": "Höstmötet"' in report
        assert '   "id": 12,' in report

    def test_a_changed_status_or_header_is_shown(self):
        recorded = answers(answer(CONFERENCE, "{}"))
        current = answers(answer(CONFERENCE, "{}", status=404, content_type="text/html"))
        report = describe(compare(recorded, current))
        lines = report.splitlines()
        assert {"-status: 200", "+status: 404"} <= set(lines)
        assert {"-Content-Type: application/json", "+Content-Type: text/html"} <= set(lines)

    def test_a_body_alike_as_json_with_other_bytes_is_a_difference(self):
        recorded = answers(answer(CONFERENCE, '{"title":"Vårmötet"}'))
        current = answers(answer(CONFERENCE, '{"title": "V\\u00e5rm\\u00f6tet"}'))
        report = describe(compare(recorded, current))
        assert "GET /api/v2/pages/12/: alike as JSON, different bytes" in report
        assert "first difference at character 9" in report

    def test_a_calendar_is_compared_line_by_line(self):
        recorded = answers(
            answer(CONFERENCE, "BEGIN:VEVENT\r\nSUMMARY:Vårmötet\r\n", content_type="text/calendar")
        )
        current = answers(
            answer(
                CONFERENCE, "BEGIN:VEVENT\r\nSUMMARY:Höstmötet\r\n", content_type="text/calendar"
            )
        )
        report = describe(compare(recorded, current))
        assert "-SUMMARY:Vårmötet\n+SUMMARY:Höstmötet" in report

    def test_requests_missing_from_either_side_are_named(self):
        recorded = answers(answer(CONFERENCE, "{}"), answer(LISTING, "{}"))
        current = answers(answer(CONFERENCE, "{}"), answer("GET /api/v2/pages/?locale=sv", "{}"))
        differences = compare(recorded, current)
        assert differences
        report = describe(differences)
        assert "1 recorded requests are no longer asked:\n  GET /api/v2/pages/" in report
        assert "1 requests are not in the record:\n  GET /api/v2/pages/?locale=sv" in report

    def test_every_changed_request_is_named_and_the_first_few_shown(self):
        requests = [f"GET /api/v2/pages/{pk}/" for pk in range(1, 9)]
        recorded = answers(*(answer(request, '{"title":"A"}') for request in requests))
        current = answers(*(answer(request, '{"title":"B"}') for request in requests))
        report = describe(compare(recorded, current), shown=3)
        assert all(f"  {request}\n" in report + "\n" for request in requests)
        assert report.count("+++ current: ") == 3
        assert "(the diffs of 5 more are not shown)" in report
