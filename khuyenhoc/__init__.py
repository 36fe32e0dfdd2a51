"""kh: a tracker, over plain YAML files, for Vietnam's learning-society plans (489/QĐ-TTg)."""

__version__ = "1.0.0"
