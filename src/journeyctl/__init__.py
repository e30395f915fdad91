"""journeyctl: customer journey maps and workflows as version-controlled YAML."""

__version__ = "0.1.0"
