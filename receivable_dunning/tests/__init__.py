from . import (
    test_demo_data,
    test_dunning_automation,
    test_dunning_countries,
    test_dunning_letters,
    test_dunning_norway,
    test_dunning_security,
)
