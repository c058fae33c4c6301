"""What the project's Pelican plugins share. Not a plugin: it has no register().

- settings: declare a plugin's settings dict once (`Setting`), validate it once;
- build_clock: the build's "now", fixed once per build;
- publication: the one rule for "is this item public at this build time";
- content_fields: the content fields each plugin understands;
- site_content: every content item of a build, and plain text from escaped HTML;
- plugin_templates: the autoescaping Jinja environment for plugin snippets;
- pelican_internals: every use of a private Pelican name, in one place;
- forked_workers, parallel_writing: reading and rendering on every core;
- page_reuse, render_digests: a warm build renders only the pages whose inputs changed;
- digest_memo: per-post results kept from build to build, keyed by a digest of the text.

pelicanconf.py puts plugins/ on sys.path, so plain `pelican` can import this too.
"""
