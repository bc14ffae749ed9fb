-- What `query --search` reads: for each offer, its provider's name, legal name and aliases, and its own name
-- and id, folded as the search folds them (`registry_fold`), one line each; a trigram index finds a substring
-- without folding every row for every question. Every write keeps it (the run's history names the providers it
-- touched); it is not a fact and has no history of its own.
CREATE VIRTUAL TABLE offerSearch USING fts5(offerId UNINDEXED, text, tokenize = 'trigram');
INSERT INTO offerSearch (offerId, text)
SELECT offer.id,
       registry_fold(provider.name) || char(10) || registry_fold(coalesce(provider.legalName, '')) || char(10)
       || registry_fold(offer.name) || char(10) || offer.id || char(10)
       || coalesce((SELECT group_concat(registry_fold(alias), char(10)) FROM providerAlias
                    WHERE providerAlias.providerId = provider.id), '')
FROM offer JOIN provider ON provider.id = offer.providerId;
