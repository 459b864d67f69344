"""AVE stagnation rules, table-driven: each rule alone, combinations, the falling-scale rule and AVE 4."""

from datetime import date

import pytest

from wijkveilig.collaboration.stagnation import Proposal, Reason, Signals, is_falling, propose

D1, D2, D3 = date(2024, 3, 1), date(2024, 4, 1), date(2024, 5, 1)
FALLING = [[(D1, 6), (D2, 4)]]
STEADY = [[(D1, 5), (D2, 5)]]


@pytest.mark.parametrize(("signals", "expected"), [
    (Signals(), None),
    (Signals(safety_scales=STEADY), None),
    (Signals(overdue_agreements=1), Proposal(2, (Reason.OVERDUE_AGREEMENTS,))),
    (Signals(overdue_vt_feedback=2), Proposal(2, (Reason.OVERDUE_VT_FEEDBACK,))),
    (Signals(missed_reviews=1), Proposal(2, (Reason.MISSED_REVIEWS,))),
    (Signals(safety_scales=FALLING), Proposal(2, (Reason.FALLING_SAFETY_SCALE,))),
    (Signals(missed_monitoring=1), Proposal(2, (Reason.MISSED_MONITORING,))),
    (Signals(phase=2, missed_reviews=1, missed_monitoring=2),
     Proposal(3, (Reason.MISSED_REVIEWS, Reason.MISSED_MONITORING))),
    (Signals(phase=4, missed_monitoring=1), None),
    (Signals(overdue_decisions=1), Proposal(2, (Reason.OVERDUE_DECISIONS,))),
    (Signals(phase=3, overdue_decisions=2, missed_reviews=1), Proposal(4, (Reason.MISSED_REVIEWS,
                                                                           Reason.OVERDUE_DECISIONS))),
    (Signals(phase=4, overdue_decisions=3), None),
    (Signals(phase=2, overdue_agreements=1, overdue_vt_feedback=1),
     Proposal(3, (Reason.OVERDUE_AGREEMENTS, Reason.OVERDUE_VT_FEEDBACK))),
    (Signals(phase=3, overdue_agreements=3, overdue_vt_feedback=1, missed_reviews=1, safety_scales=FALLING),
     Proposal(4, (Reason.OVERDUE_AGREEMENTS, Reason.OVERDUE_VT_FEEDBACK, Reason.MISSED_REVIEWS,
                  Reason.FALLING_SAFETY_SCALE))),
    (Signals(missed_reviews=1, safety_scales=STEADY + FALLING),
     Proposal(2, (Reason.MISSED_REVIEWS, Reason.FALLING_SAFETY_SCALE))),
    # AVE 4 is the top: stagnation there gives no proposal.
    (Signals(phase=4, overdue_agreements=5, overdue_vt_feedback=1, missed_reviews=1, safety_scales=FALLING), None),
])
def test_proposal(signals, expected):
    assert propose(signals) == expected


@pytest.mark.parametrize(("series", "falling"), [
    ([], False),
    ([(D1, 3)], False),
    ([(D1, 6), (D2, 5)], False),            # one small drop is noise
    ([(D1, 6), (D2, 4)], True),             # a drop of 2 at once
    ([(D1, 7), (D2, 6), (D3, 5)], True),    # three falling in a row
    ([(D1, 5), (D2, 6), (D3, 5)], False),   # up then one down
    ([(D1, 4), (D2, 6)], False),            # rising
    ([(D2, 4), (D1, 6)], True),             # order of input does not matter: sorted by date
    ([(D3, 8), (D1, 4), (D2, 6)], False),   # sorted: 4, 6, 8 rising
])
def test_is_falling(series, falling):
    assert is_falling(series) is falling
