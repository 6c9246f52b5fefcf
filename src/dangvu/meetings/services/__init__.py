"""Every write to meetings: validation, scope (`require_manage`), the transition table's
refusals (`rules.transitions`), one transaction each.

The roll call is written two ways, both safe on two phones at once: one row per tap
(idempotent: the row ends in the state tapped last) and a full save carrying the meeting's
`version`, refused whole when anything was saved since the form was read. Each write
recounts the meeting's denormalized counts in the same transaction.

- `common`: the lock and version bump, and who may do what (`may_manage`, `meeting_actions`);
- `meetings`: schedule, edit, cancel, documents, notice;
- `roll_call`: apology, one tap, the whole roll call;
- `records`: minutes, resolutions, tasks, the quality score;
- `visits`: higher-level committee members' visits and duties.
"""

from ..queries import visitor_seat
from .common import (
    bump,
    lock,
    may_manage,
    may_manage_duty,
    may_manage_organization,
    may_manage_visit,
    may_open_task,
    may_schedule,
    may_see_statistics,
    meeting_actions,
)
from .meetings import (
    CONFIRM_SECOND,
    DOCUMENT_EXTENSIONS,
    DOCUMENT_MAX_BYTES,
    MEETING_FIELDS,
    add_document,
    cancel_meeting,
    schedule_meeting,
    send_notice,
    update_meeting,
)
from .records import (
    add_resolution,
    add_task,
    complete_task,
    record_minutes,
    score_meeting,
)
from .roll_call import mark_all_present, recount, save_roll_call, send_apology, set_attendance
from .visits import assign_visit_duty, end_visit_duty, record_visit, remove_visit

__all__ = [
    "CONFIRM_SECOND",
    "DOCUMENT_EXTENSIONS",
    "DOCUMENT_MAX_BYTES",
    "MEETING_FIELDS",
    "add_document",
    "add_resolution",
    "add_task",
    "assign_visit_duty",
    "bump",
    "cancel_meeting",
    "complete_task",
    "end_visit_duty",
    "lock",
    "mark_all_present",
    "may_manage",
    "may_manage_organization",
    "may_manage_duty",
    "may_manage_visit",
    "may_open_task",
    "may_schedule",
    "may_see_statistics",
    "meeting_actions",
    "record_minutes",
    "record_visit",
    "recount",
    "remove_visit",
    "save_roll_call",
    "schedule_meeting",
    "score_meeting",
    "send_apology",
    "send_notice",
    "set_attendance",
    "update_meeting",
    "visitor_seat",
]
