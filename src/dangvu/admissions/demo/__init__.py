"""Member development for the demo province (runs inside the demo's transaction, bulk only).

- Every probationary member and every official member admitted in the last three years gets
  the admission file that made them a member: candidate, course certificate, introducers,
  branch vote, decision, ceremony (and recognition for the official ones), the step log and
  the ADMITTED/RECOGNIZED events. A probationary member's status date and open placement move
  to the ceremony (R2.10) while party age stays at the decision (R2.13).
- Official members admitted in the last three years had their ceremony on the decision's day
  (the foundation recognized them 12 months after admission); probationary members' ceremonies
  fall 3–25 days after the decision.
- Open candidates in every stage across the province (some overdue: decisions past 60 working
  days, ceremonies past 30, certificates about to expire or expired), a few withdrawn.
- Admission targets for every grassroots organization, this year and last.
"""

from __future__ import annotations

from .province import AdmissionsDemo

__all__ = ["AdmissionsDemo", "generate"]


def generate(generator) -> dict[str, int]:
    demo = AdmissionsDemo(generator)
    demo.member_histories()
    demo.open_files()
    return demo.write()
