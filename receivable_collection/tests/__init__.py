from . import (
    test_collection_demo,
    test_collection_http,
    test_collection_security,
    test_collection_status_file,
    test_collection_transfer,
    test_collection_translations,
    test_collection_ui,
)
