-- AlterTable
ALTER TABLE "Item" DROP COLUMN "ext",
ADD COLUMN     "ext" UUID NOT NULL;
