"""The source folder is model/; it installs as the import package ``digistrat``.

Everything else about the distribution is in pyproject.toml. The package list is
computed from the folders under model/, so a new subpackage needs no edit here.
"""

from setuptools import find_packages, setup

setup(
    package_dir={"digistrat": "model"},
    packages=["digistrat", *(f"digistrat.{name}" for name in find_packages("model"))],
)
