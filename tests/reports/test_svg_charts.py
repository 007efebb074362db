"""The report's SVG charts: well-formed, escaped, self-contained, one point per axis."""

import xml.etree.ElementTree as ET

import pytest

from audits.scores.charts import radar_svg, trend_svg

SVG = "{http://www.w3.org/2000/svg}"
LABELS = ["Strategy", "Network", "Engagement", "Conduct and trust"]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 (our own output, parsed to prove it well-formed)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox")
    return root


def series_polygons(root: ET.Element) -> list[ET.Element]:
    return [g.find(f"{SVG}polygon") for g in root.iter(f"{SVG}g") if g.get("class") == "series"]


def test_the_radar_draws_one_polygon_per_series_with_one_point_per_label():
    svg = radar_svg(
        LABELS, [("Me", [80, 60, 40, 20], "#1f4e79"), ("Others", [50, 50, 50, 50], "#e07b00")]
    )

    polygons = series_polygons(parse(svg))
    assert len(polygons) == 2
    assert all(len(p.get("points").split()) == len(LABELS) for p in polygons)
    texts = "".join(parse(svg).itertext())
    for label in [*LABELS, "Me", "Others"]:
        assert label in texts


def test_a_missing_value_is_drawn_at_zero_and_marked():
    svg = radar_svg(
        LABELS, [("Others", [50, None, 50, 50], "#e07b00")], missing_text="no answer yet"
    )

    root = parse(svg)
    (polygon,) = series_polygons(root)
    assert len(polygon.get("points").split()) == len(LABELS)
    # The second point sits on the centre of the chart.
    centre = root.find(f"{SVG}g/{SVG}line")
    assert polygon.get("points").split()[1] == f"{centre.get('x1')},{centre.get('y1')}"
    missing = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "missing"]
    assert len(missing) == 1
    assert "no answer yet" in "".join(root.itertext())


def test_values_beyond_the_scale_stay_on_the_chart():
    inside = radar_svg(["A", "B", "C"], [("Me", [100, 100, 100], "#000")])
    beyond = radar_svg(["A", "B", "C"], [("Me", [250, 100, -3], "#000")])

    top = series_polygons(parse(beyond))[0].get("points").split()
    assert top[0] == series_polygons(parse(inside))[0].get("points").split()[0]


def test_every_text_is_escaped():
    nasty = 'R&D <script>alert("x")</script>'
    svg = radar_svg([nasty, "B", "C"], [(nasty, [1, 2, 3], '"red" onload="x"')], title=nasty)
    trend = trend_svg([(nasty, 50), ("<b>", 60)], title=nasty)

    for chart in (svg, trend):
        root = parse(chart)
        assert "<script" not in chart
        assert nasty in "".join(root.itertext())
        assert not [el for el in root.iter() if el.tag.endswith("script")]
        assert not [k for el in root.iter() for k in el.attrib if k.startswith("on")]
    assert "R&amp;D &lt;script&gt;" in svg


@pytest.mark.parametrize(
    "svg",
    [
        radar_svg([], [("Me", [], "#000")], empty_text="No data yet"),
        radar_svg(LABELS, [], empty_text="No data yet"),
        trend_svg([], empty_text="No data yet"),
        trend_svg([("01/02", None), ("02/02", None)], empty_text="No data yet"),
    ],
)
def test_empty_inputs_give_a_valid_no_data_chart(svg):
    root = parse(svg)

    assert "No data yet" in "".join(root.itertext())
    assert root.find(f".//{SVG}polygon") is None
    assert root.find(f".//{SVG}polyline") is None


def test_the_trend_joins_the_known_values_with_one_dot_each():
    svg = trend_svg([("01/02", 40), ("02/02", None), ("03/02", 55.5), ("04/02", 61)])

    root = parse(svg)
    (line,) = root.iter(f"{SVG}polyline")
    assert len(line.get("points").split()) == 3
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    texts = "".join(root.itertext())
    assert "01/02" in texts and "04/02" in texts
    assert "100" in texts and "55.5" in texts


def test_a_long_trend_keeps_its_axis_labels_readable():
    points = [(f"{day:02d}/03", 50 + day) for day in range(1, 21)]

    root = parse(trend_svg(points))

    dates = [t for t in root.itertext() if t.endswith("/03")]
    assert 2 <= len(set(dates)) <= 8
    assert "20/03" in dates


def test_charts_reference_nothing_outside_themselves():
    for svg in (
        radar_svg(LABELS, [("Me", [1, 2, 3, 4], "#000")]),
        trend_svg([("a", 1), ("b", 2)]),
    ):
        assert "href" not in svg
        assert "url(" not in svg
        assert "style" not in svg
