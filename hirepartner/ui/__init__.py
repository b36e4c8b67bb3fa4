"""The Qt desktop app; the only package that imports PySide6."""

from hirepartner.ui.feature_scan import skip_feature_scan

skip_feature_scan()
