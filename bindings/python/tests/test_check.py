"""jixiao.check: the core's validation rules through Python."""

from __future__ import annotations

import pytest

import jixiao


@pytest.mark.parametrize("profile", ["SH-2025+", "CN-101", "LEGACY-2011", "cn-101"])
def test_check_returns_diagnostics_per_form(sample: jixiao.Document, profile: str) -> None:
    findings = jixiao.check(sample, profile=profile)
    assert isinstance(findings, list)
    for f in findings:
        assert isinstance(f, jixiao.Diagnostic)
        assert f.severity in ("error", "warning", "info")
        assert f.form is not None and 0 <= f.form < len(sample.forms)
    # Form order, as the core promises.
    assert [f.form for f in findings] == sorted(f.form for f in findings if f.form is not None)


def test_check_default_profile_and_allow(sample: jixiao.Document) -> None:
    everything = jixiao.check(sample)
    assert everything == jixiao.check(sample, "SH-2025+")
    rule_ids = sorted({f.code for f in everything})
    # Allowing every rule that fired leaves nothing to report.
    assert jixiao.check(sample, allow=rule_ids) == []
    assert jixiao.check(sample, allow=iter(rule_ids)) == []


def test_check_unknown_profile(sample: jixiao.Document) -> None:
    with pytest.raises(ValueError, match="unknown profile"):
        jixiao.check(sample, profile="SH-1999")
