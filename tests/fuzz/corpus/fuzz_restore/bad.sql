PRAGMA user_version = 6;
INSERT INTO nosuch(a) VALUES(1);
INSERT INTO member(id) VALUES(1); INSERT INTO member(id) VALUES(2);
