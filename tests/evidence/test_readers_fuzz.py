"""Random bytes never crash a reader with anything but its own error type."""

import contextlib
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.readers import ActivityFileError, read_export

NAMES = st.sampled_from(
    [
        "Shares.csv",
        "messages.csv",
        "Invitations.csv",
        "tweets.js",
        "comments.json",
        "x.bin",
        "e.zip",
    ]
)
PREFIXES = st.sampled_from(
    [
        b"",
        b"PK\x03\x04",
        b"window.YTD.tweets.part0 = ",
        b"{",
        b"[",
        b"Date,ShareCommentary\n",
        b"\xef\xbb\xbfFROM,DATE,CONTENT\n",
        b"Notes:\n",
    ]
)


def _read(name: str, data: bytes) -> None:
    with contextlib.suppress(ActivityFileError):
        read_export(name, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, prefix=PREFIXES, body=st.binary(max_size=2000))
def test_random_bytes_raise_only_the_readers_error(name, prefix, body):
    _read(name, prefix + body)


@settings(max_examples=150, deadline=None)
@given(
    member=st.sampled_from(["Shares.csv", "data/tweets.js", "comments.json", "messages.csv"]),
    body=st.one_of(st.binary(max_size=1500), st.text(max_size=1500).map(str.encode)),
)
def test_random_members_of_a_zip_raise_only_the_readers_error(member, body):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, body)
    _read("export.zip", buffer.getvalue())


@settings(max_examples=150, deadline=None)
@given(
    cells=st.lists(st.text(max_size=40), min_size=1, max_size=8),
    rows=st.integers(min_value=0, max_value=5),
)
def test_random_csv_cells_under_a_real_header(cells, rows):
    header = "CONVERSATION ID,FROM,TO,DATE,CONTENT,FOLDER\n"
    body = "\n".join(",".join(cells) for _ in range(rows))
    _read("messages.csv", (header + body).encode("utf-8", "surrogatepass"))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(["data", "post", "comment", "timestamp", "title", "comments_v2",
                         "tweet", "created_at", "full_text", "entities", "urls",
                         "in_reply_to_status_id_str", "attachments", "reactions_v2"]),
        children,
        max_size=5,
    ),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(document=JSON)
def test_random_json_structures_in_facebook_and_x_files(document):
    import json

    text = json.dumps(document)
    for name, data in (
        ("comments.json", text),
        ("your_posts_1.json", text),
        ("download.json", text),
        ("tweets.js", f"window.YTD.tweets.part0 = {text}"),
        ("tweets.js", f'window.YTD.tweets.part0 = [{{"tweet": {text}}}]'),
    ):
        _read(name, data.encode())
