-- PostgreSQL only (H2 compares strings by code point already): the name key compares by code point, whatever the
-- database's collation. The name search reads the range prefix <= name_key < prefix || U+FFFF, which finds every
-- key beginning with the prefix only in code-point order; a language collation may ignore spaces, punctuation or
-- U+FFFF and miss some. The name order of the customers list is then the same on both databases.
alter table customer alter column name_key type varchar(200) collate "C";
