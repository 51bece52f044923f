"""Latency against data size, one line per endpoint: does the API slow down as content grows?"""

import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

PANELS = (
    ("uncached", "Uncached", "stock_programme"),
    ("cached", "Cached (stored response)", "trivial"),
)
PERCENTILES = (("p50_ms", "-", "p50"), ("p99_ms", "--", "p99"))
REFERENCE_COLOR = "grey"


def draw_latency_chart(path, measurements, sizes, endpoints, references, database=""):
    found = {(m.size, m.endpoint, m.mode): m for m in measurements}
    colors = {endpoint.key: f"C{index}" for index, endpoint in enumerate(endpoints)}
    colors.update({reference.key: REFERENCE_COLOR for reference in references})
    pages = [size.pages for size in sizes]
    figure, axes = plt.subplots(1, len(PANELS), figsize=(12, 5.5), sharey=True)
    for axis, (mode, title, reference) in zip(axes, PANELS, strict=True):
        lines = [(endpoint.key, mode) for endpoint in endpoints] + [(reference, "reference")]
        for key, line_mode in lines:
            points = [found.get((size.name, key, line_mode)) for size in sizes]
            for attribute, style, _name in PERCENTILES:
                values = [getattr(point.load, attribute) if point else None for point in points]
                axis.plot(pages, values, style, marker="o", color=colors[key])
        axis.set_title(f"{title}; grey: {labelled(references, reference)}", fontsize=10)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xticks(pages, [f"{size.name}\n{size.pages:,} pages" for size in sizes])
        axis.minorticks_off()
        axis.set_xlabel("Benchmark pages in the database")
        axis.grid(True, which="major", alpha=0.3)
    axes[0].set_ylabel("Latency, ms (log scale)")
    handles = [Line2D([], [], color=colors[e.key], marker="o", label=e.label) for e in endpoints]
    handles += [
        Line2D([], [], color="black", linestyle=style, label=name)
        for _a, style, name in PERCENTILES
    ]
    figure.legend(handles=handles, loc="lower center", ncol=3, fontsize=8, frameon=False)
    on = f", {database}" if database else ""
    figure.suptitle(f"Content API latency against data size (wrk, 2 gunicorn workers{on})")
    figure.tight_layout(rect=(0, 0.12, 1, 1))
    figure.savefig(path, dpi=110)
    plt.close(figure)


def labelled(references, key):
    return next(reference.label for reference in references if reference.key == key)
