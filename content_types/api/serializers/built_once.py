"""Model serializers that read their model once per class, not once per response."""

import copy


class FieldsBuiltOnce:
    """Builds a ModelSerializer's fields from its model once per class, then copies them.

    DRF builds each field of a ModelSerializer from the model's field (its
    label, validators, choices) whenever an instance first lists its fields,
    and a programme's response makes dozens of instances of the same few
    serializers. The fields depend on the class alone; each instance gets a
    copy, as DRF copies the declared fields for each instance.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()
            cls._fields_built_once = built
        return copy.deepcopy(built)
