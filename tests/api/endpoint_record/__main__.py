"""Compare the current code's answers with the record, or record them on purpose.

python -m tests.api.endpoint_record            # exit 1 and show the diffs if they differ
python -m tests.api.endpoint_record --update   # write tests/api/records/endpoints.json.gz
python -m tests.api.endpoint_record --output answers.json.gz   # write them elsewhere
"""

import argparse
import sys
from pathlib import Path
from time import perf_counter

from . import RECORD, answer_every_request, read_record, write_record
from .comparison import compare, describe


def main(arguments=None):
    parser = argparse.ArgumentParser(prog="python -m tests.api.endpoint_record")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--update", action="store_true", help=f"Write the record ({RECORD}).")
    where.add_argument("--output", type=Path, help="Write the answers to this file instead.")
    options = parser.parse_args(arguments)

    started = perf_counter()
    answers = answer_every_request()
    count = len(answers["answers"])
    print(f"{count} requests answered in {perf_counter() - started:.1f} s", file=sys.stderr)

    if options.update or options.output:
        path = options.output or RECORD
        write_record(answers, path)
        print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
        return 0
    differences = compare(read_record(), answers)
    if differences:
        print(describe(differences))
        return 1
    print("every answer is as recorded", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
