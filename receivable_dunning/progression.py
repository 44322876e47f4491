"""When each letter of a dunning profile goes out: plain Python, no ORM.

The models describe a profile's stages as `Step`s and ask two questions:
which stage comes next and from which day (`next_step`), and which stage
the dates call for today (`stage_reached`), never jumping past a mandatory
letter that has not been sent.
"""

from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Step:
    """One stage as the scheduler needs it."""

    key: int
    delay_days: int
    delay_from: str  # "due" or "previous"
    deadline_days: int
    mandatory: bool = False


def _step_date(step, due, previous_sent, previous_deadline):
    """First day `step` may go out, after `previous_sent` (None for the first letter)."""
    base = previous_sent if (step.delay_from == "previous" and previous_sent) else due
    day = base + timedelta(days=step.delay_days)
    if previous_deadline:
        day = max(day, previous_deadline + ONE_DAY)
    return max(day, due + ONE_DAY)


def next_step(steps, due, sent_index, last_sent=None, deadline=None):
    """(index, first day) of the stage after `sent_index` (-1: none sent yet), or None at the end."""
    index = sent_index + 1
    if index >= len(steps):
        return None
    return index, _step_date(steps[index], due, last_sent, deadline)


def stage_reached(steps, due, sent_index, today, last_sent=None, deadline=None):
    """Index of the highest stage the dates call for on `today`, or None if no letter is due.

    A very late invoice goes straight to a later stage, as if the skipped letters had
    been sent on their own dates, but it stops at the first mandatory stage not sent.
    """
    step = next_step(steps, due, sent_index, last_sent, deadline)
    if step is None or step[1] > today:
        return None
    index, sent_on = step
    while index + 1 < len(steps) and not steps[index].mandatory:
        assumed_deadline = sent_on + timedelta(days=steps[index].deadline_days)
        later = _step_date(steps[index + 1], due, sent_on, assumed_deadline)
        if later > today:
            break
        index, sent_on = index + 1, later
    return index


def deadline(sent_on: date, stage_days: int, legal_minimum: int) -> date:
    """Payment deadline of a letter: the stage's days, never fewer than the law's minimum."""
    return sent_on + timedelta(days=max(stage_days, legal_minimum))
