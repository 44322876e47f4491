from . import dunning_comment
