"""Pictures: editors' photos with credits (library, variants, markup), a share
card for every page in every language (cards, share) and the project's own
artwork (artwork). The plugins call :mod:`hanoi_info.pictures.plugin_support`."""
