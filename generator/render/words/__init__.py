"""The word tables of generator.render.i18n, by the part of the site they serve: Norwegian bokmål first, then
English."""
