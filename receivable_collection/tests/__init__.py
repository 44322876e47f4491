from . import test_collection_transfer
