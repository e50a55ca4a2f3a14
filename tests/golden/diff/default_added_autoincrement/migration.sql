-- AlterTable
CREATE SEQUENCE item_seq_seq;
ALTER TABLE "Item" ALTER COLUMN "seq" SET DEFAULT nextval('item_seq_seq');
ALTER SEQUENCE item_seq_seq OWNED BY "Item"."seq";
