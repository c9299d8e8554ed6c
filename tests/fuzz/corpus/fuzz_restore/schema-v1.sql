-- klynge dump: every record of klynge.db, one SQL INSERT a line.
-- Rebuild a database from it with `klynge restore FILE`.
PRAGMA user_version = 1;
INSERT INTO audit(id,at,os_user,command,summary) VALUES(1,'2024-03-01T10:00:00Z','anne','klynge init (schema v1 fixture)','created the workspace for Østerbroklyngen');
INSERT INTO member(id,name,email,practice_id,position,joined_on,left_on,forgotten_on) VALUES(1,'Anne Ærø','anne@example.dk',1,'ejerlæge','2018-11-15',NULL,NULL);
INSERT INTO member(id,name,email,practice_id,position,joined_on,left_on,forgotten_on) VALUES(2,'Bo Østergaard','bo@example.dk',1,'ejerlæge','2018-11-15',NULL,NULL);
INSERT INTO member(id,name,email,practice_id,position,joined_on,left_on,forgotten_on) VALUES(3,'Carl Åberg','carl@example.dk',2,'ejerlæge','2018-11-15',NULL,NULL);
INSERT INTO member_change(id,member_id,changed_on,field,old_value,new_value) VALUES(1,2,'2024-03-01','position','ansat','ejerlæge');
INSERT INTO practice(id,ydernummer,name,joined_on,left_on) VALUES(1,'123456','Lægerne Østerbrogade','2018-11-15',NULL);
INSERT INTO practice(id,ydernummer,name,joined_on,left_on) VALUES(2,'234567','Nordhavn Lægehus','2018-11-15',NULL);
INSERT INTO practice_capacities(practice_id,as_of,capacities) VALUES(1,'2018-11-15',2);
INSERT INTO practice_capacities(practice_id,as_of,capacities) VALUES(2,'2018-11-15',1);
INSERT INTO practice_patients(practice_id,as_of,patients) VALUES(1,'2018-11-15',9500);
INSERT INTO practice_patients(practice_id,as_of,patients) VALUES(1,'2024-02-01',9876);
INSERT INTO practice_patients(practice_id,as_of,patients) VALUES(2,'2018-11-15',4100);
INSERT INTO role_assignment(id,role,member_id,external_name,from_date,to_date) VALUES(1,'koordinator',1,NULL,'2018-11-15',NULL);
