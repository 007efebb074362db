"""The readers on each export's quirks (fixtures under tests/evidence/fixtures/)."""

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest

from evidence.readers import ActivityFileError, Limits, detect_network, read_export
from evidence.readers.dates import parse_moment
from evidence.readers.facebook import repair
from tests.helpers.evidence import fixture_bytes, zip_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05 10:12:00 UTC", datetime(2024, 3, 5, 10, 12, tzinfo=UTC)),
        ("2024-03-05T10:12:00Z", datetime(2024, 3, 5, 10, 12, tzinfo=UTC)),
        ("2024-03-05T11:12:00.000+01:00", datetime(2024, 3, 5, 10, 12, tzinfo=UTC)),
        ("05/03/2024", datetime(2024, 3, 5, tzinfo=UTC)),
        ("3/5/24, 10:12 AM", datetime(2024, 3, 5, 10, 12, tzinfo=UTC)),
        ("3/5/24, 10:12 PM", datetime(2024, 3, 5, 22, 12, tzinfo=UTC)),
        ("Mar 5, 2024", datetime(2024, 3, 5, tzinfo=UTC)),
        ("5 mars 2024", datetime(2024, 3, 5, tzinfo=UTC)),
        ("Wed Mar 05 10:12:00 +0000 2024", datetime(2024, 3, 5, 10, 12, tzinfo=UTC)),
        ("Wed Mar 05 11:12:00 +0100 2024", datetime(2024, 3, 5, 10, 12, tzinfo=UTC)),
        ("13/25/2024", None),
        ("not a date", None),
        ("", None),
        ("3/5/24, 13:12 PM", None),
    ],
)
def test_dates_in_every_format_the_exports_use(text, expected):
    assert parse_moment(text) == expected


def test_a_day_first_date_is_read_month_first_when_asked():
    assert parse_moment("05/03/2024", day_first=False) == datetime(2024, 5, 3, tzinfo=UTC)


def test_the_linkedin_zip_reads_every_file_with_its_quirks(linkedin_zip):
    activity = read_export("Basic_LinkedInDataExport.zip", linkedin_zip)
    assert activity.network == "linkedin"
    # Shares.csv: BOM, a "Notes:" preamble, a cell over two lines.
    assert len(activity.posts) == 5
    assert activity.posts[1].text.startswith("Three lessons")
    assert "\nA second line" in activity.posts[1].text
    assert activity.posts[1].has_link and activity.posts[2].has_media
    assert activity.posts[0].key == "1001"
    # Comments.csv: the comment on the owner's own share is recognised by its activity id.
    assert [c.on_own_post for c in activity.comments] == [True, False, False, False]
    assert len(activity.reactions) == 3
    # messages.csv: spam left out, a row without a date skipped and reported, the owner from
    # Profile.csv; others' words are not kept.
    assert len(activity.messages) == 8
    assert activity.skipped == 1
    assert activity.errors == [
        {"file": "Basic_LinkedInDataExport/messages.csv", "code": "no_date", "line": 12}
    ]
    outgoing = [m for m in activity.messages if m.outgoing]
    assert len(outgoing) == 4
    assert all(m.text == "" for m in activity.messages if not m.outgoing)
    assert "Or Monday?" not in repr(activity.messages)
    # Invitations.csv: "1/19/24, 10:12 AM" is month first; the note only for sent ones.
    sent = [i for i in activity.invitations if i.outgoing]
    assert sent[0].when == datetime(2024, 1, 19, 10, 12, tzinfo=UTC)
    assert sent[1].note.startswith("Hello Luc")
    assert activity.profile.headline == "Recruiter for tech startups"
    assert activity.recommendations_received == 2
    assert activity.endorsements_received == 3
    assert {c.name for c in activity.connections} == {"sophie leroy", "paul bernard", "jean dupont"}


def test_a_french_export_in_windows_1252_with_semicolons_and_day_first_dates():
    activity = read_export("export.zip", zip_of("linkedin_fr"))
    assert activity.profile.headline == "Directrice financière"
    first, reply, other = activity.messages
    assert (first.outgoing, reply.outgoing, other.outgoing) == (False, True, True)
    assert reply.text == "Très bien, merci !\nÀ bientôt."
    assert first.when == datetime(2024, 3, 5, 10, 12, tzinfo=UTC)  # 05/03 is 5 March
    assert [p.text for p in activity.posts] == [
        "Un billet sur l'écoute, en français",
        "Profitez de notre promotion",
    ]
    assert activity.posts[1].when == datetime(2024, 2, 12, tzinfo=UTC)
    assert activity.invitations[0].note == "Ravie de vous avoir rencontré"
    assert activity.invitations[1].when == datetime(2024, 3, 5, tzinfo=UTC)


def test_a_single_csv_is_read_by_its_name_or_its_header():
    shares = fixture_bytes("linkedin/Shares.csv")
    assert len(read_export("Shares.csv", shares).posts) == 5
    renamed = read_export("my posts (1).csv", shares)
    assert len(renamed.posts) == 5 and renamed.sources == {"posts"}
    messages = read_export("export.csv", fixture_bytes("linkedin/messages.csv"))
    assert len(messages.messages) == 10 - 2  # spam and the undated row left out


def test_header_variants_are_found_by_name_not_position():
    data = b'Message,Date,Link\n"Nice, thanks",2024-01-02 10:00:00,https://x\n'
    activity = read_export("Comments.csv", data)
    assert activity.comments[0].text == "Nice, thanks"
    assert activity.comments[0].on_own_post is None  # no activity id in the link


def test_the_x_archive_with_replies_retweets_and_quotes(x_zip):
    activity = read_export("twitter-2024.zip", x_zip)
    assert activity.network == "x"
    kinds = sorted(p.kind for p in activity.posts)
    assert kinds == ["post", "post", "quote"]
    assert len(activity.reactions) == 1  # the "RT @" retweet
    assert [c.on_own_post for c in activity.comments] == [True, False]  # a thread, a reply
    assert activity.skipped == 1
    quote = next(p for p in activity.posts if p.kind == "quote")
    assert quote.when == datetime(2024, 3, 1, 7, 0, tzinfo=UTC)  # +0100 read as such


def test_tweets_js_on_its_own_and_its_prefix():
    data = fixture_bytes("x/tweets.js")
    assert detect_network("tweets.js", data) == "x"
    assert len(read_export("tweets.js", data).posts) == 3
    with pytest.raises(ActivityFileError) as error:
        read_export("tweets.js", b"window.YTD.tweets.part0 = [{broken")
    assert (error.value.code, error.value.file) == ("bad_json", "tweets.js")


def test_facebook_text_is_repaired_from_its_latin_1_mis_encoding():
    activity = read_export("facebook.zip", zip_of("facebook", prefix="your_activity/"))
    assert activity.network == "facebook"
    assert activity.posts[0].text == "Très fière de notre équipe ! Réservez votre démo"
    assert activity.posts[1].has_link and activity.posts[2].has_media
    assert activity.comments[0].text == "C'est inadmissible, quelle honte"
    assert [c.on_own_post for c in activity.comments] == [False, True, False]
    assert [c.is_reply for c in activity.comments] == [False, False, True]
    assert len(activity.reactions) == 2
    assert activity.skipped == 1  # the post without a timestamp


def test_repair_leaves_right_text_alone():
    assert repair("Ã©tÃ©") == "été"
    assert repair("déjà vu") == "déjà vu"  # not mis-encoded: unchanged
    assert repair("日本") == "日本"


def test_a_facebook_json_file_on_its_own_known_by_its_structure():
    data = fixture_bytes("facebook/comments.json")
    assert len(read_export("download (3).json", data).comments) == 3


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "code", "file"),
    [
        ("export.zip", b"", "empty", "export.zip"),
        ("export.zip", b"PK\x03\x04 truncated", "bad_zip", "export.zip"),
        ("export.zip", _zip({"readme.txt": b"hello"}), "nothing_to_read", "export.zip"),
        ("export.zip", _zip({"Shares.csv": b"a,b\n1,2\n"}), "no_header", "Shares.csv"),
        ("export.zip", _zip({"Shares.csv": b"\x00\x01\x02" * 100}), "binary", "Shares.csv"),
        (
            "Shares.csv",
            b'Date,ShareCommentary\n2024-01-01,"never closed\n',
            "not_csv",
            "Shares.csv",
        ),
        ("posts.json", b"{not json", "bad_json", "posts.json"),
        ("posts.json", b'{"something": "else"}', "bad_structure", "posts.json"),
        ("photo.bin", b"\x89PNG\x00\x00", "unknown_network", "photo.bin"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_and_what_is_wrong(name, data, code, file):
    with pytest.raises(ActivityFileError) as error:
        read_export(name, data)
    assert (error.value.code, error.value.file) == (code, file)


def test_a_zip_bomb_is_refused_before_it_is_expanded():
    bomb = _zip({"Shares.csv": b"Date,ShareCommentary\n" + b"0" * 20_000_000})
    with pytest.raises(ActivityFileError) as error:
        read_export("export.zip", bomb)
    assert error.value.code == "zip_bomb"


def test_the_limits_on_size_members_and_items():
    shares = b"Date,ShareCommentary\n" + b"2024-01-01 10:00:00,hello\n" * 11
    with pytest.raises(ActivityFileError) as error:
        read_export("Shares.csv", shares, limits=Limits(max_items=10))
    assert error.value.code == "too_many_items"
    with pytest.raises(ActivityFileError) as error:
        read_export("Shares.csv", shares, limits=Limits(max_upload_bytes=100))
    assert error.value.code == "too_large"
    many = _zip({f"f{i}.txt": b"x" for i in range(12)})
    with pytest.raises(ActivityFileError) as error:
        read_export("export.zip", many, limits=Limits(max_zip_members=10))
    assert error.value.code == "too_many_files"
    tweets = "window.YTD.tweets.part0 = " + json.dumps([{"tweet": {}}] * 11)
    with pytest.raises(ActivityFileError) as error:
        read_export("tweets.js", tweets.encode(), limits=Limits(max_items=10))
    assert error.value.code == "too_many_items"


def test_the_network_is_detected_from_the_content(linkedin_zip, x_zip):
    assert detect_network("a.zip", linkedin_zip) == "linkedin"
    assert detect_network("a.zip", x_zip) == "x"
    assert detect_network("a.zip", zip_of("facebook")) == "facebook"
    assert detect_network("Shares.csv", fixture_bytes("linkedin/Shares.csv")) == "linkedin"


def test_a_forced_network_reads_the_zip_as_that_network(linkedin_zip):
    with pytest.raises(ActivityFileError) as error:
        read_export("export.zip", linkedin_zip, network="x")
    assert error.value.code == "nothing_to_read"
