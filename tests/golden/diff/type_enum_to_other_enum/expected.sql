-- AlterTable
ALTER TABLE "Item" DROP COLUMN "color",
ADD COLUMN     "color" "Shade" NOT NULL;
