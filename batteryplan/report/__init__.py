"""What a study reads off its results: metric tables (``metrics``), the figures drawn from them (``figures``) and
the report page that puts both together (``page``, ``batteryplan report``). Nothing is imported here, so that
``batteryplan.metrics`` does not load matplotlib.
"""
