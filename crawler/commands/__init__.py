"""Scrapy commands of the project (COMMANDS_MODULE): `scrapy crawl` with splog's argument checks."""
