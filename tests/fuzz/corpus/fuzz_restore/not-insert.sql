PRAGMA user_version = 6;
DROP TABLE member;
