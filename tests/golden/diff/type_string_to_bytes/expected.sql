-- AlterTable
ALTER TABLE "Item" DROP COLUMN "blob",
ADD COLUMN     "blob" BYTEA NOT NULL;
