from . import dunning_comment
from . import account_payment_register, interest_note_create
from . import aging_report
