"""replace_path checks what it sets, at once, with the full dotted path."""

import pytest
from digistrat import ParameterError, Parameters, replace_path


@pytest.mark.parametrize(
    "path,value,message",
    [
        ("behaviour.strain.pace", "1.2", r"behaviour.strain.pace: '1.2' is a str, not a float"),
        ("behaviour.strain.pace", 5, r"behaviour.strain.pace: 5.0 is above the allowed range"),
        ("behaviour.strain.pace", float("nan"), "is not a finite number"),
        ("strategy.kind", "big_bangg", "did you mean 'big_bang'"),
        ("behaviour.strain.pacee", 1.0, "unknown parameter 'pacee' in behaviour.strain.*'pace'"),
        ("behaviourr.strain.pace", 1.0, "did you mean 'behaviour'"),
        (
            "organisation.departments.educatoin.willingness",
            0.3,
            "no element 'educatoin'.*did you mean 'education'",
        ),
        ("organisation.departments.education.willingness", True, "is a bool, not a float"),
        ("funding.investment.enabled", 1, "is an int, not a bool"),
        ("horizon.end", "2030-13", "month 13 is not in 1..12"),
        ("behaviour.strain.pace.x", 1.0, "'behaviour.strain.pace' is a value, not a group"),
        ("behaviour.initiatives.max_proposals_per_month", 2.5, "is a float, not an int"),
    ],
)
def test_bad_values_are_refused_with_the_full_path(path, value, message):
    with pytest.raises(ParameterError, match=message) as caught:
        replace_path(Parameters(), path, value)
    assert caught.value.path == path


def test_good_values_are_set_and_whole_numbers_stand_for_decimals():
    p = replace_path(Parameters(), "organisation.departments.education.willingness", 1)
    assert p.organisation.departments[0].willingness == 1.0
    assert isinstance(p.organisation.departments[0].willingness, float)
    p = replace_path(p, "organisation.departments.0.systems", ["erp"])
    assert p.organisation.departments[0].systems == ("erp",)
    p = replace_path(p, "behaviour.strain.pace", 1.3)
    assert p.behaviour.strain.pace == 1.3
    assert Parameters().behaviour.strain.pace != 1.3  # a copy; the original is unchanged
