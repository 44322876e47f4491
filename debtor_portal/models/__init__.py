from . import account_move
from . import dunning_letter
from . import payment_plan
from . import payment_plan_line
from . import res_partner
from . import res_company
from . import payment_provider
