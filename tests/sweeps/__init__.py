"""The security sweeps' parts: what the app serves (``routes``), what is sent to each route
(``calls``), the people and data it is sent about (``people``) and the rows compared before and
after (``rows``). The sweeps are tests/test_authorization_sweep.py and tests/test_csrf_sweep.py."""
