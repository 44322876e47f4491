from . import collection_transfer
