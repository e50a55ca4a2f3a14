-- DropIndex
DROP INDEX "Item_email_key";
