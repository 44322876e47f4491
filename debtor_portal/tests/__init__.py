from . import test_demo_data
from . import test_instalments
from . import test_portal_access
from . import test_portal_pages
from . import test_portal_payment
from . import test_payment_plan
from . import test_portal_tour
