from contacts.alignment import THIN_BELOW, align, level_for


def test_levels():
    assert level_for(0) == "absent"
    assert level_for(1) == "thin"
    assert level_for(THIN_BELOW - 1) == "thin"
    assert level_for(THIN_BELOW) == "covered"


def test_gaps_come_first_and_coverage_counts_covered_profiles():
    result = align(
        needed_roles=["investor", "mentor", "executive"],
        needed_sectors=["finance"],
        role_counts={"mentor": 12, "executive": 2},
        sector_counts={"finance": 30},
        total_contacts=44,
    )

    assert [(z.code, z.level) for z in result.zones] == [
        ("investor", "absent"),
        ("executive", "thin"),
        ("finance", "covered"),
        ("mentor", "covered"),
    ]
    assert result.coverage == 50.0
    assert [z.code for z in result.gaps] == ["investor", "executive"]


def test_no_needed_profile_means_no_coverage_figure():
    result = align(
        needed_roles=[], needed_sectors=[], role_counts={}, sector_counts={}, total_contacts=0
    )

    assert result.coverage is None
    assert result.zones == []
