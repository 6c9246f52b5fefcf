"""Pages of the evaluations app, declared on core.generic: cycles.py (index, a cycle, opening
and closing it), rows.py (one member's or organization's evaluation and its steps), lists.py
(the branch's proposals, the committees' decisions with the pre-checks), results/ (results)."""
