-- Bocal schema, step 24: the season's produce as data, which the administrators edit
-- ("Réglages"): the lot form's suggestions and the recipes' "de saison". The first list is the
-- Drôme's, which Bocal carried as a constant until now. A produce named by a lot or a recipe is
-- never deleted, only retired (offered nowhere).
CREATE TABLE produce (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    -- The months it comes in: bit 0 for January to bit 11 for December.
    months      INTEGER NOT NULL CHECK (months BETWEEN 1 AND 4095),
    retired_at  TEXT
);
INSERT INTO produce (name, months) VALUES
    ('Abricots', 224), -- months 6, 7, 8
    ('Ail', 480), -- months 6, 7, 8, 9
    ('Aubergines', 960), -- months 7, 8, 9, 10
    ('Betteraves', 1984), -- months 7, 8, 9, 10, 11
    ('Carottes', 2016), -- months 6, 7, 8, 9, 10, 11
    ('Cerises', 112), -- months 5, 6, 7
    ('Châtaignes', 1536), -- months 10, 11
    ('Choux', 3591), -- months 10, 11, 12, 1, 2, 3
    ('Coings', 1792), -- months 9, 10, 11
    ('Concombres', 480), -- months 6, 7, 8, 9
    ('Courges', 3840), -- months 9, 10, 11, 12
    ('Courgettes', 480), -- months 6, 7, 8, 9
    ('Figues', 896), -- months 8, 9, 10
    ('Fraises', 120), -- months 4, 5, 6, 7
    ('Framboises', 480), -- months 6, 7, 8, 9
    ('Haricots verts', 480), -- months 6, 7, 8, 9
    ('Kiwis', 3075), -- months 11, 12, 1, 2
    ('Melons', 480), -- months 6, 7, 8, 9
    ('Nectarines', 480), -- months 6, 7, 8, 9
    ('Noix', 1536), -- months 10, 11
    ('Oignons', 960), -- months 7, 8, 9, 10
    ('Pêches', 480), -- months 6, 7, 8, 9
    ('Poireaux', 3847), -- months 9, 10, 11, 12, 1, 2, 3
    ('Poires', 1920), -- months 8, 9, 10, 11
    ('Poivrons', 960), -- months 7, 8, 9, 10
    ('Pommes', 3975), -- months 8, 9, 10, 11, 12, 1, 2, 3
    ('Potimarrons', 3840), -- months 9, 10, 11, 12
    ('Prunes', 448), -- months 7, 8, 9
    ('Raisin', 896), -- months 8, 9, 10
    ('Rhubarbe', 56), -- months 4, 5, 6
    ('Tomates', 992); -- months 6, 7, 8, 9, 10
